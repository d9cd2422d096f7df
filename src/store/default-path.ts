/** Where the database lives unless `--db` says otherwise (relative to the current folder). */
export const DEFAULT_DB_PATH = 'output/declarations.sqlite';
