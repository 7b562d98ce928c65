/** Online renewal is for auto policies (種目 自動車保険) inside their window. */
export const ONLINE_RENEWAL_PRODUCTS: ReadonlySet<string> = new Set(['auto']);
