-- A message is claimed by one sender before it is sent (issue 11): the app's background send
-- and a `remind` run from cron in another process never send the same message twice. A claim
-- older than the lease (a sender that died mid-way) can be taken again by the next sender.
ALTER TABLE mail_message ADD COLUMN claim VARCHAR;
ALTER TABLE mail_message ADD COLUMN claimed_at TIMESTAMP;
