import { DataSource } from 'typeorm';
import { parseConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (migration:generate, migration:revert); configured like the app. */
export default new DataSource(dataSourceOptions(parseConfig(process.env).databaseUrl));
