// The pager of 台账汇总's tables (import log, trusted keys): ten rows a page and no page-size choice, whose
// Select was much of drawing the pager the first time an import filled the tables.
export const PAGES = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;
