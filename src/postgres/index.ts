export { migrate, openDatabase, type Database, type DatabaseOptions, type Migration, type Queryable, type QueryResult } from './database.js';
export { DatabaseError } from './errors.js';
