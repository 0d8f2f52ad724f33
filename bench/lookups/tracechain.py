"""Lookups of TraceChain V2 (seed 002): the scale profile of core and tracechain (trace, token,
compliance, payment, nft, the TraceChain analytics).  At --scale 500 trace.checkpoints and
trace.traceability_chain hold 1M rows each (50,000 products, 500,000 users and token
transactions).  The lookups are the ones test_tracechain.py checks (checklist §3.9, T-L1..T-L14,
the RLS predicates, the functions); chain_user acts as a scale manufacturer (app.user_id), so the
policies apply (public traceability data for everyone, own token rows, the parties' contracts;
the analytics schema gives end users nothing).  nft.redeem_certificate_code is left out: it
uses a code up, so 5 runs would not run the same lookup (test_tracechain.py checks its plan)."""

TITLE = "Lookups at scale (TraceChain)"
SEEDS = ["core", "tracechain"]
SCALE = 500
IDENTITY = "app.user_id of a scale manufacturer"

NOTES = """\
Every lookup is index-served at 1M checkpoints and 1M chain steps (50k products, 200k
stakeholders, 500k token transactions, 250k trace points), as chain_app and as chain_user. The
functions' own statements are shown: trace.get_product_trace_chain reads the chain by
traceability_chain_product_sequence_key and joins checkpoint, stakeholder and wallet by primary
key; the trust scores and compliance.check_product_compliance go through the per-product indexes
of checks and certificates. `Seq Scan standards` and `Seq Scan staking_pools` are the 8 and 4
reference rows. As chain_user the planner serves some lookups by the RLS predicate's index
instead (own token transactions and stakes by user_id, the contract of an escrow by its primary
key, a seller's contracts through both party indexes): the policy is the narrower filter. The
analytics tables and matviews give end users nothing by design (no privilege), nor do the
verification codes (only nft.redeem_certificate_code, left out here because it uses a code up).
Seeding: the checkpoints go in product by product in time order, so every one is an append to its
chain: 1M with the chain and audit triggers on took 1:42 here (3:07 in a run on a busier
machine); core's 500k users and the 500k audited token transactions take most of the rest.
Times are medians of 5 runs on 2 shared cores: read the plans, not the milliseconds."""

# (name, query) with placeholders filled from the seeded ids
LOOKUPS = [
    # trace
    ("product by id", "SELECT * FROM trace.products WHERE product_id = {product}"),
    ("T-L3 active products of a manufacturer", "SELECT * FROM trace.products WHERE manufacturer_id = {user} AND is_active"),
    ("T-L3 active products by type (luxury)", "SELECT product_id FROM trace.products WHERE product_type = 'luxury' AND is_active"),
    ("T-L4 product by batch number", "SELECT * FROM trace.products WHERE batch_number = '{batch}'"),
    ("T-L4 product by manufacturer and batch",
     "SELECT * FROM trace.products WHERE manufacturer_id = {user} AND batch_number = '{batch}'"),
    ("T-L14 product full-text search",
     "SELECT product_id FROM trace.products WHERE search_vector @@ plainto_tsquery('english', '{words}')"),
    ("stakeholders of a product", "SELECT * FROM trace.stakeholders WHERE product_id = {product}"),
    ("products a user is a stakeholder of", "SELECT product_id, role FROM trace.stakeholders WHERE user_id = {user}"),
    ("T-L5 checkpoints of a product by time",
     "SELECT * FROM trace.checkpoints WHERE product_id = {product} ORDER BY \"timestamp\""),
    ("T-L6 checkpoints by stakeholder", "SELECT * FROM trace.checkpoints WHERE stakeholder_id = {stakeholder}"),
    ("T-L6 checkpoints by status (recalled)", "SELECT id, product_id FROM trace.checkpoints WHERE status = 'recalled'"),
    ("T-L6 checkpoints by location", "SELECT id FROM trace.checkpoints WHERE location = '{location}'"),
    ("checkpoints in an hour", "SELECT id FROM trace.checkpoints WHERE \"timestamp\" >= '{at}'::timestamptz "
     "AND \"timestamp\" < '{at}'::timestamptz + interval '1 hour'"),
    ("T-L1 the chain of a product in order",
     "SELECT * FROM trace.traceability_chain WHERE product_id = {product} ORDER BY sequence_order"),
    ("T-L1 trace.get_product_trace_chain", "SELECT * FROM trace.get_product_trace_chain({product})"),
    ("steps handed over by a stakeholder", "SELECT * FROM trace.traceability_chain WHERE from_stakeholder_id = {stakeholder}"),
    ("trust score of a user", "SELECT trace.calculate_trust_score({user})"),
    ("trust score of a product", "SELECT trace.calculate_product_trust_score({product})"),
    # compliance
    ("T-L2 compliance.check_product_compliance", "SELECT * FROM compliance.check_product_compliance({product})"),
    ("certificates of a product", "SELECT * FROM compliance.certifications WHERE product_id = {product} ORDER BY issued_at DESC"),
    ("valid certificate of a product and standard",
     "SELECT * FROM compliance.certifications WHERE product_id = {product} AND standard_id = {standard} AND is_valid"),
    ("compliance checks of a checkpoint", "SELECT * FROM compliance.checkpoint_checks WHERE checkpoint_id = {checkpoint}"),
    # token
    ("T-L7 unclaimed points of a user",
     "SELECT sum(points) FROM token.trace_points WHERE user_id = {user} AND NOT is_claimed"),
    ("T-L8 token transactions of a user, newest first",
     "SELECT * FROM token.transactions WHERE user_id = {user} ORDER BY created_at DESC LIMIT 20"),
    ("token balance of a user (confirmed)",
     "SELECT coalesce(sum(CASE WHEN to_address = '{wallet}' THEN amount ELSE 0 END), 0)"
     " - coalesce(sum(CASE WHEN from_address = '{wallet}' THEN amount ELSE 0 END), 0)"
     " FROM token.transactions WHERE user_id = {user} AND status = 'confirmed'"),
    ("T-L9 token transaction by hash", "SELECT * FROM token.transactions WHERE tx_hash = '{tx_hash}'"),
    ("stakes of a user", "SELECT * FROM token.stakes WHERE user_id = {user}"),
    ("T-L10 active stakes due to unlock",
     "SELECT id FROM token.stakes WHERE is_active AND unlock_at < now() + interval '1 day'"),
    ("token.stake_rewards", "SELECT token.stake_rewards({stake})"),
    # payment
    ("T-L12 contract by address", "SELECT * FROM payment.contracts WHERE contract_address = '{contract_address}'"),
    ("T-L12 contracts of a buyer", "SELECT * FROM payment.contracts WHERE buyer_id = {buyer}"),
    ("T-L12 contracts of a seller", "SELECT * FROM payment.contracts WHERE seller_id = {user}"),
    ("a user's contracts (either party)",
     "SELECT id FROM payment.contracts WHERE buyer_id = {user} OR seller_id = {user}"),
    ("escrow of a contract", "SELECT * FROM payment.escrow_transactions WHERE payment_contract_id = {contract}"),
    # nft
    ("T-L13 certificate by token id", "SELECT * FROM nft.certificates WHERE token_id = {token}"),
    ("T-L13 certificates of an owner", "SELECT * FROM nft.certificates WHERE owner_id = {user}"),
    ("NFT of a product (valid)", "SELECT * FROM nft.certificates WHERE product_id = {product} AND is_valid"),
    ("unused codes of a certificate",
     "SELECT id, expires_at FROM nft.certificate_codes WHERE certificate_id = {certificate} AND NOT is_used"),
    # analytics (chain_user: no access, by design)
    ("traceability summary of a product",
     "SELECT * FROM analytics.product_traceability_summary WHERE product_id = {product}"),
    ("activity summary of a user", "SELECT * FROM analytics.user_activity_summary WHERE user_id = {user}"),
    ("compliance summary of a product", "SELECT * FROM analytics.compliance_summary WHERE product_id = {product}"),
    ("product analytics of a product", "SELECT * FROM analytics.product_analytics WHERE product_id = {product}"),
    ("user analytics of a user", "SELECT * FROM analytics.user_analytics WHERE user_id = {user}"),
]


def ids(conn) -> dict:
    """The 42nd scale product (an even one: a second standard, a payment contract; a valid
    certificate) and its manufacturer, carrier stakeholder, first checkpoint, contract and NFT."""
    row = conn.execute("""
        WITH p AS (SELECT * FROM trace.products WHERE tx_hash >= '0x5ca1e' AND tx_hash < '0x5ca1f'
                    ORDER BY product_id OFFSET 41 LIMIT 1)
        SELECT p.product_id, p.manufacturer_id, u.wallet_address, p.batch_number, p.product_name,
               (SELECT s.id FROM trace.stakeholders AS s
                 WHERE s.product_id = p.product_id AND s.role IN ('distributor', 'logistics')),
               c.id, c.location, c."timestamp",
               (SELECT min(standard_id) FROM compliance.certifications AS ce WHERE ce.product_id = p.product_id AND ce.is_valid),
               (SELECT tx_hash FROM token.transactions ORDER BY id OFFSET 4242 LIMIT 1),
               (SELECT min(id) + 42 FROM token.stakes),
               k.id, k.contract_address, k.buyer_id, n.token_id, n.id
          FROM p
          JOIN core.users AS u ON u.id = p.manufacturer_id
          JOIN trace.checkpoints AS c ON c.product_id = p.product_id AND c.checkpoint_index = 1
          JOIN payment.contracts AS k ON k.product_id = p.product_id
          JOIN nft.certificates AS n ON n.product_id = p.product_id""").fetchone()
    keys = ("product", "user", "wallet", "batch", "name", "stakeholder", "checkpoint", "location", "at", "standard",
            "tx_hash", "stake", "contract", "contract_address", "buyer", "token", "certificate")
    out = dict(zip(keys, row))
    out["words"] = out.pop("name")
    out["at"] = out["at"].isoformat()
    return out


def as_user(conn, values: dict) -> None:
    """The identity chain_user acts as: the policies read app.user_id."""
    conn.execute("SELECT set_config('app.user_id', %s, false)", (str(values["user"]),))
