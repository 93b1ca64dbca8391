export * from './no-body.dto';
export * from './uuid-param.pipe';
export * from './headers';
export * from './not-null';
