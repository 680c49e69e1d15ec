/** The app's IndexedDB database (one per profile). Its own module so the page's first script can name it without the schema. */
export const DB_NAME = 'xiaobao';
