-- Found by the bench's profile (docs/performance.md): queries that scanned whole tables, and one hot row.

-- Fee lines by settlement (electronic bill, settlement events, cancellation): scanned node_fee_detail, so every
-- settlement got slower as the table grew.
CREATE INDEX node_fee_detail_setl_idx ON node_fee_detail (setl_id);
-- Sweeps: unpaid mobile payment orders, expiring prescriptions.
CREATE INDEX patient_payment_order_status_idx ON patient_payment_order (status, created_at);
CREATE INDEX rx_prescription_expiry_idx ON rx_prescription (status, valid_until);

-- Budget use per institution and year was one row that every settlement of the institution updated: concurrent
-- settlements of one hospital queued on its row lock until commit. Now spread over slots (a settlement adds to
-- one of them, readers sum them).
CREATE TABLE node_budget_use_slot (
    fixmedins_code VARCHAR(20)   NOT NULL,
    acc_year       INTEGER       NOT NULL,
    slot           SMALLINT      NOT NULL,
    fund_paid      NUMERIC(16,2) DEFAULT 0 NOT NULL,
    settle_cnt     INTEGER       DEFAULT 0 NOT NULL,
    PRIMARY KEY (fixmedins_code, acc_year, slot)
);
INSERT INTO node_budget_use_slot (fixmedins_code, acc_year, slot, fund_paid, settle_cnt)
    SELECT fixmedins_code, acc_year, 0, fund_paid, settle_cnt FROM node_budget_use;
DROP TABLE node_budget_use;
ALTER TABLE node_budget_use_slot RENAME TO node_budget_use;
