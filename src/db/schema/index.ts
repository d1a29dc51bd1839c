export * from './compliance.js';
export * from './conversations.js';
export * from './leads.js';
export * from './outreach.js';
export * from './tenancy.js';
export * from './analytics.js';
