export { migrate, openDatabase, type Database, type DatabaseOptions, type Queryable, type QueryResult } from './database.js';
export { DatabaseError } from './errors.js';
export { MIGRATIONS, type Migration } from './migrations.js';
