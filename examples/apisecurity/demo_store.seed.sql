-- A small, fictional "customer app" for the quick start: `steward serve` creates it as
-- data/datasets/demo_store.sqlite when STEWARD_DEMO_DB is unset, so a whole data subject request runs
-- from intake to export with no other set-up. Every person and address here is invented.
create table customers (
  id integer primary key,
  account_id text not null unique,
  name text not null,
  email text not null,
  company text,
  vat_number text,
  billing_address text,
  marketing_unsubscribed integer not null default 0,
  created_at text not null
);
create table invoices (
  id integer primary key,
  customer_id integer not null references customers (id),
  number text not null,
  billing_name text not null,
  billing_address text,
  vat_number text,
  amount_cents integer not null,
  issued_at text not null
);
create table support_tickets (
  id integer primary key,
  customer_id integer references customers (id),
  requester_name text,
  requester_email text not null,
  body text not null,
  ip_address text,
  last_reply_at text not null
);
create table newsletter_subscribers (
  id integer primary key,
  email text not null unique,
  first_name text,
  unsubscribed integer not null default 0,
  subscribed_at text not null
);

insert into customers values
  (1, 'acct_1001', 'Ada Lovelace', 'ada@example.com', 'Analytical Engines Ltd', 'GB123456789', '12 St James''s Square, London', 0, '2021-03-04T10:00:00Z'),
  (2, 'acct_1002', 'Grace Hopper', 'grace@example.org', 'Compilers Inc', NULL, '1 Navy Yard, Arlington VA', 0, '2023-06-01T09:30:00Z'),
  (3, 'acct_1003', 'Alan Turing', 'alan@example.net', NULL, NULL, 'Bletchley Park, Milton Keynes', 1, '2016-01-15T08:00:00Z');

insert into invoices values
  (1, 1, 'INV-2021-0001', 'Ada Lovelace', '12 St James''s Square, London', 'GB123456789', 9900, '2021-03-04T10:05:00Z'),
  (2, 1, 'INV-2025-0042', 'Ada Lovelace', '12 St James''s Square, London', 'GB123456789', 9900, '2025-03-04T10:05:00Z'),
  (3, 2, 'INV-2024-0007', 'Grace Hopper', '1 Navy Yard, Arlington VA', NULL, 19900, '2024-06-01T09:35:00Z'),
  (4, 3, 'INV-2016-0003', 'Alan Turing', 'Bletchley Park, Milton Keynes', NULL, 4900, '2016-01-15T08:05:00Z');

insert into support_tickets values
  (1, 1, 'Ada Lovelace', 'ada@example.com', 'The license key for my second site does not activate.', '203.0.113.10', '2025-09-12T14:00:00Z'),
  (2, NULL, 'Charles B.', 'charles@example.com', 'Do you offer an academic discount?', '198.51.100.23', '2025-10-01T16:20:00Z');

insert into newsletter_subscribers values
  (1, 'ada@example.com', 'Ada', 0, '2022-01-10T12:00:00Z'),
  (2, 'charles@example.com', 'Charles', 0, '2025-10-01T16:25:00Z');
