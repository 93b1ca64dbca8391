import { register } from 'tsconfig-paths';

// globalSetup and globalTeardown run outside Jest's module mapper, so the @ocop/* aliases are
// registered by hand before anything that uses them is loaded.
register({ baseUrl: `${__dirname}/../..`, paths: { '@ocop/*': ['libs/*'] } });
