-- The local copy of an account as Seats wrote it with schema version 2,
-- with a little data in every table: the store tests open it to check that
-- it migrates to the current version and keeps its data. Never edit the
-- CREATE statements: they are what versions 1 and 2 created.
BEGIN;
CREATE TABLE account (  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),  id TEXT NOT NULL, slug TEXT, name TEXT, role TEXT NOT NULL,  is_trial INTEGER NOT NULL, trial_end INTEGER NOT NULL,  serial_number TEXT, license_owner TEXT, shop_url TEXT, currency TEXT,  vendor_public_key TEXT);
CREATE TABLE policy (  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),  seat_floor TEXT NOT NULL, grace_days INTEGER NOT NULL,  min_seats INTEGER NOT NULL, activation TEXT NOT NULL,  reseller_name TEXT, reseller_url TEXT);
CREATE TABLE subscription (  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),  period_start INTEGER NOT NULL, period_end INTEGER NOT NULL,  period_months INTEGER NOT NULL, edition TEXT,  storage_used INTEGER NOT NULL, storage_included INTEGER NOT NULL,  monthly_price INTEGER NOT NULL, total_price INTEGER NOT NULL, currency TEXT);
CREATE TABLE billing_details (  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),  company_name TEXT, vat_number TEXT, contact_user_id TEXT, contact_email TEXT,  street TEXT, postal_code TEXT, city TEXT, country TEXT,  e_invoicing INTEGER NOT NULL, e_invoice_address TEXT, operator_code TEXT);
CREATE TABLE products (  id TEXT NOT NULL PRIMARY KEY, name TEXT, kind TEXT NOT NULL,  purchased INTEGER NOT NULL, in_use INTEGER NOT NULL, next_period INTEGER NOT NULL,  price INTEGER NOT NULL, currency TEXT, enabled INTEGER NOT NULL);
CREATE TABLE users (  id TEXT NOT NULL PRIMARY KEY, user_name TEXT, display_name TEXT, email TEXT,  active INTEGER NOT NULL, start_date INTEGER NOT NULL, end_date INTEGER NOT NULL,  created INTEGER NOT NULL, modified INTEGER NOT NULL,  modules TEXT, grace_deadline INTEGER NOT NULL);
CREATE TABLE orders (  id TEXT NOT NULL PRIMARY KEY, created INTEGER NOT NULL, product_id TEXT,  quantity INTEGER NOT NULL, amount INTEGER NOT NULL, currency TEXT,  period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, idempotency_key TEXT);
CREATE TABLE invoices (  id TEXT NOT NULL PRIMARY KEY, number TEXT, issued INTEGER NOT NULL, due INTEGER NOT NULL,  amount INTEGER NOT NULL, currency TEXT, status TEXT);
CREATE TABLE action_log (  id TEXT NOT NULL PRIMARY KEY, timestamp INTEGER NOT NULL, actor TEXT, action TEXT,  subject TEXT, before TEXT, after TEXT);
CREATE TABLE features (  id TEXT NOT NULL PRIMARY KEY, name TEXT, description TEXT, enabled INTEGER NOT NULL);
CREATE TABLE pending_license (  id TEXT NOT NULL PRIMARY KEY, issued INTEGER NOT NULL, expiry INTEGER NOT NULL);
CREATE TABLE license_changes (  license_id TEXT NOT NULL REFERENCES pending_license (id) ON DELETE CASCADE,  product_id TEXT NOT NULL, product_name TEXT,  current_count INTEGER NOT NULL, new_count INTEGER NOT NULL, in_use INTEGER NOT NULL);
CREATE TABLE outbox (  id INTEGER PRIMARY KEY AUTOINCREMENT,  kind TEXT NOT NULL, payload TEXT NOT NULL,  idempotency_key TEXT NOT NULL UNIQUE,  state TEXT NOT NULL DEFAULT 'pending'    CHECK (state IN ('pending', 'sent', 'done', 'failed')),  attempts INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL, last_error TEXT);
CREATE TABLE sync_state (  key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE etags (  resource TEXT PRIMARY KEY, etag TEXT NOT NULL);
CREATE INDEX outbox_by_state ON outbox (state, id);

INSERT INTO account VALUES (1, 'org-2077', 'cykelverkstan', 'Cykelverkstan i Umeå', 'admin', 0, 0, 'SN-2077-4411', 'Cykelverkstan i Umeå AB', NULL, 'SEK', '+8H5s+Nwc+FH7iT5AmTp4zzh79+jGm7oZTaVn15V684=');
INSERT INTO policy VALUES (1, 'at_least_active', 7, 3, 'automatic', 'Visma.net', 'https://reseller.example.se/');
INSERT INTO subscription VALUES (1, 739678, 739708, 1, 'Standard', 536870912, 5368709120, 249500, 249500, 'SEK');
INSERT INTO billing_details VALUES (1, 'Cykelverkstan i Umeå AB', 'SE556677889901', 'u-12', 'ekonomi@example.se', 'Storgatan 12', '903 26', 'Umeå', 'SE', 0, NULL, NULL);
INSERT INTO products VALUES ('seats', 'Användarlicenser', 'user_seats', 12, 11, 12, 9900, 'SEK', 1);
INSERT INTO products VALUES ('bookkeeping', 'Bokföring', 'module', 3, 3, 3, 4900, 'SEK', 1);
INSERT INTO products VALUES ('bank', 'Bankkoppling', 'integration', 1, 1, 1, 19900, 'SEK', 0);
INSERT INTO users VALUES ('u-11', 'erik', 'Erik Lindqvist', 'erik@example.se', 1, 739300, 0, 1710000000, 1765000000, 'bookkeeping', 0);
INSERT INTO users VALUES ('u-12', 'sara', 'Sara Öberg', 'sara@example.se', 1, 739310, 739720, 1710000001, 1765000001, NULL, 0);
INSERT INTO orders VALUES ('o-7', 1765000000, 'bookkeeping', 1, 4900, 'SEK', 739678, 739708, NULL);
INSERT INTO invoices VALUES ('i-9', '2026-0107', 739678, 739708, 249500, 'SEK', 'open');
INSERT INTO action_log VALUES ('a-9', 1765000000, 'sara@example.se', 'module.assign', 'Bokföring', NULL, 'erik@example.se');
INSERT INTO features VALUES ('api', 'Öppet API', 'Läs och skriv data från andra program', 0);
INSERT INTO pending_license VALUES ('lic-9', 739680, 739740);
INSERT INTO license_changes VALUES ('lic-9', 'bookkeeping', 'Bokföring', 3, 4, 3);
INSERT INTO outbox (kind, payload, idempotency_key, state, attempts, created) VALUES ('user.deactivate', '{"active":false}', '0c5b2a3e-91d4-4f0a-8a55-3c2e7f6b1d42', 'pending', 0, 1765000100);
INSERT INTO outbox (kind, payload, idempotency_key, state, attempts, created, last_error) VALUES ('seats.lower', '{"next_period":2}', '8e7d1c9b-2a4f-4b6e-9c3d-5f1a0e2b7c68', 'failed', 1, 1765000200, 'The next period needs at least 3 licenses.');
INSERT INTO sync_state VALUES ('delta_cursor', 1765000001);
INSERT INTO sync_state VALUES ('last_full_reconcile', 1764990000);
INSERT INTO sync_state VALUES ('last_synced', 1765000050);
INSERT INTO etags VALUES ('/api/v1/account', '"r41-admin"');
INSERT INTO etags VALUES ('/scim/v2/Users', '"r41-admin"');

PRAGMA user_version = 2;
COMMIT;
