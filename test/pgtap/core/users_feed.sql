-- pgTAP: core/users_feed — core.users on the change feed and audited.
BEGIN;
SELECT plan(5);


-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');

-- behaviour: core.users is on the change feed and audited (core/users_feed)
SELECT trigger_is('core', 'users', 'notify_change', 'core', 'notify_change', 'core.users.notify_change: the change feed (reputation changes invalidate caches)');
SELECT trigger_is('core', 'users', 'notify_change_truncate', 'core', 'notify_change', 'core.users.notify_change_truncate: TRUNCATE on the change feed');
SELECT trigger_is('core', 'users', 'audit_capture', 'audit', 'capture', 'core.users.audit_capture: users are audited');
SELECT trigger_is('core', 'users', 'audit_capture_truncate', 'audit', 'capture_statement', 'core.users.audit_capture_truncate: TRUNCATE is audited');
UPDATE core.users SET reputation_score = 7 WHERE id = 1;
SELECT is((SELECT (new_record ->> 'reputation_score')::numeric FROM audit.logs
            WHERE table_schema = 'core' AND table_name = 'users' AND operation = 'UPDATE'), 7::numeric,
          'core.users.audit_capture: a reputation change is logged');

SELECT * FROM finish();
ROLLBACK;
