export { migrate, openDatabase, type Database, type Migration, type Queryable } from './database.js';
export { DatabaseError } from './errors.js';
