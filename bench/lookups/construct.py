"""Lookups of The Construct and Off the Grid (seeds 000 and 004): the scale profile of core,
blockchain, trading, manufacturing, governance, education and auth.  At --scale 200 the biggest
tables (blockchain.transactions, education.progress) hold 1M rows.  chain_user acts as a scale user
with orders (app.user_id), so the RLS policies apply."""

TITLE = "Lookups at scale (Construct, Off the Grid)"
SEEDS = ["core", "audit", "blockchain", "trading", "manufacturing", "governance", "education", "auth"]
SCALE = 200
IDENTITY = "app.user_id of a scale user with orders"
NOTES = """\
Every lookup is index-served at 1M rows (transactions, education progress) as both roles; the ones
that touch every monthly partition of blockchain.price_feeds (latest price of a symbol, the
latest_prices view) are index scans on each partition's primary key (the latest observation is in
whichever month holds it, so there is nothing to prune by). `Seq Scan modules` and `Seq Scan
price_symbols` are the 6-row curriculum and the 50-row symbol list. Times are medians of 5 runs on
2 shared cores: read the plans, not the milliseconds.
"""

# (name, query) with placeholders filled from the seeded ids
LOOKUPS = [
    # The Construct
    ("user by id", "SELECT * FROM core.users WHERE id = {user}"),
    ("user by wallet", "SELECT * FROM core.users WHERE wallet_address = '{wallet}'"),
    ("asset by id", "SELECT * FROM blockchain.assets WHERE id = {asset}"),
    ("assets by type and issuer", "SELECT id FROM blockchain.assets WHERE asset_type = 'sensor' AND issuer_id = {user}"),
    ("asset search", "SELECT * FROM blockchain.search_assets('precision sensor', 'sensor')"),
    ("transaction by hash", "SELECT * FROM blockchain.transactions WHERE tx_hash = '{tx_hash}'"),
    ("address history", "SELECT * FROM blockchain.address_history('{wallet}', 20)"),
    ("latest price of a symbol", "SELECT * FROM blockchain.latest_price('{symbol}')"),
    ("latest prices (view)", "SELECT * FROM blockchain.latest_prices"),
    ("order by id", "SELECT * FROM trading.orders WHERE id = {order}"),
    ("a user's orders, newest first", "SELECT * FROM trading.orders WHERE user_id = {user} ORDER BY created_at DESC LIMIT 50"),
    ("order book", "SELECT * FROM trading.order_book({asset}, 10)"),
    ("manufacturing order by id", "SELECT * FROM manufacturing.orders WHERE id = {morder}"),
    ("order progress", "SELECT * FROM manufacturing.order_progress({morder})"),
    ("active proposals", "SELECT * FROM governance.active_proposals"),
    ("proposal by id", "SELECT * FROM governance.proposals WHERE id = {proposal}"),
    ("user stats", "SELECT * FROM core.user_stats({user})"),
    # Off the Grid
    ("a learner's progress", "SELECT * FROM education.progress WHERE user_id = {user}"),
    ("learners of a module by status", "SELECT user_id FROM education.progress WHERE module_id = {module} AND status = 'in_progress' LIMIT 100"),
    ("education summary of one user", "SELECT * FROM education.user_summary WHERE user_id = {user}"),
    ("practice history, newest first", "SELECT * FROM education.practice_sessions WHERE user_id = {user} ORDER BY started_at DESC LIMIT 20"),
    ("a trader's grids, newest first", "SELECT * FROM trading.grids WHERE user_id = {user} ORDER BY created_at DESC LIMIT 50"),
    ("grid by transaction", "SELECT * FROM trading.grids WHERE tx_hash = '{grid_tx}'"),
    ("active grids of a pair", "SELECT id FROM trading.grids WHERE status = 'active' AND trading_pair = 'BTC/USDT'"),
    ("trading summary of one user", "SELECT * FROM trading.user_trading_summary WHERE user_id = {user}"),
    ("session check (auth.is_session_valid's query)", "SELECT 1 FROM auth.sessions AS s WHERE s.jti = 'scale-session-{session}'"
     " AND s.token_hash = sha256(convert_to('scale-token-{session}', 'UTF8')) AND s.revoked_at IS NULL AND s.expires_at > now()"),
    ("a user's live sessions", "SELECT id FROM auth.sessions WHERE user_id = {user} AND expires_at > now() AND revoked_at IS NULL"),
]



def ids(conn) -> dict:
    row = conn.execute("""
        SELECT u.id, u.wallet_address,
               (SELECT min(id) + 42 FROM blockchain.assets WHERE symbol ~ '^SC[0-9]+$'),
               (SELECT min(symbol) FROM blockchain.price_feeds),
               (SELECT tx_hash FROM blockchain.transactions ORDER BY id OFFSET 1042 LIMIT 1),
               (SELECT min(id) + 1042 FROM trading.orders),
               (SELECT min(id) + 42 FROM manufacturing.orders WHERE status = 'in_production'),
               (SELECT min(id) FROM governance.proposals WHERE status = 'active'),
               (SELECT id FROM education.modules WHERE slug = 'grid-count-and-fees'),
               (SELECT tx_hash FROM trading.grids WHERE tx_hash IS NOT NULL ORDER BY id OFFSET 42 LIMIT 1)
          FROM core.users AS u
         WHERE u.id = (SELECT user_id FROM trading.orders ORDER BY id OFFSET 1042 LIMIT 1)""").fetchone()
    keys = ("user", "wallet", "asset", "symbol", "tx_hash", "order", "morder", "proposal", "module", "grid_tx")
    out = dict(zip(keys, row))
    out["session"] = 242
    return out



def as_user(conn, values: dict) -> None:
    """The identity chain_user acts as: the policies read app.user_id."""
    conn.execute("SELECT set_config('app.user_id', %s, false)", (str(values["user"]),))
