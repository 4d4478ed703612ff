-- The local copy of an account as Seats wrote it with schema version 1,
-- with a little data in every table: the store tests open it to check that
-- it migrates to the current version and keeps its data. Never edit the
-- CREATE statements: they are what version 1 created.
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

INSERT INTO account VALUES (1, 'org-1842', 'bakkerij-de-vries', 'Bakkerij De Vries', 'admin', 0, 0, NULL, NULL, 'https://shop.example.com/', 'EUR', NULL);
INSERT INTO policy VALUES (1, 'grace', 7, 1, 'manual', NULL, NULL);
INSERT INTO subscription VALUES (1, 739647, 739678, 1, 'Professional', 1073741824, 10737418240, 41650, 41650, 'EUR');
INSERT INTO billing_details VALUES (1, 'Bakkerij De Vries B.V.', 'NL123456789B01', NULL, 'administratie@example.nl', 'Dorpsstraat 1', '1234 AB', 'Zwolle', 'NL', 1, '0106:12345678', 'PEPPOL');
INSERT INTO products VALUES ('seats', 'User licenses', 'user_seats', 40, 38, 40, 1190, 'EUR', 1);
INSERT INTO products VALUES ('planning', 'Planning', 'module', 5, 4, 5, 350, 'EUR', 1);
INSERT INTO users VALUES ('u-1', 'anna', 'Anna de Vries', 'anna@example.nl', 1, 739000, 0, 1700000000, 1760000000, 'planning', 0);
INSERT INTO users VALUES ('u-2', 'bert', 'Bert Jansen', 'bert@example.nl', 0, 739000, 739600, 1700000001, 1760000001, NULL, 0);
INSERT INTO users VALUES ('u-3', 'carla', 'Carla Smit', 'carla@example.nl', 1, 739700, 0, 1700000002, 1760000002, 'planning' || char(31) || 'invoicing', 739660);
INSERT INTO orders VALUES ('o-1', 1760000000, 'seats', 2, 1536, 'EUR', 739660, 739678, '1b4e28ba-2fa1-11d2-883f-0016d3cca427');
INSERT INTO invoices VALUES ('i-1', '2026-0042', 739647, 739661, 41650, 'EUR', 'paid');
INSERT INTO action_log VALUES ('a-1', 1760000000, 'anna@example.nl', 'seats.buy', 'User licenses', '38', '40');
INSERT INTO features VALUES ('sso', 'Single sign-on', 'Sign in with the organization''s account', 1);
INSERT INTO pending_license VALUES ('lic-7', 739650, 739700);
INSERT INTO license_changes VALUES ('lic-7', 'seats', 'User licenses', 40, 45, 38);
INSERT INTO outbox (kind, payload, idempotency_key, state, attempts, created) VALUES ('order.create', '{"product":"seats","quantity":2}', '6f1c7f0e-3f7e-4c55-9d0b-0d8f2c1f9a10', 'sent', 1, 1760000100);

PRAGMA user_version = 1;
COMMIT;
