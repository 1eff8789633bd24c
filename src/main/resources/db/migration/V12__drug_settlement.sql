-- Settlement of dispensed drugs between the agency and the pharmacy (docs/circulation.md, "Drug settlement").
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.

-- Node side: what 7101 said about the patient's visit, and the prescribed lines a pharmacy may settle.
ALTER TABLE node_prescription ADD COLUMN mdtrt_id VARCHAR(40);

CREATE TABLE node_prescription_drug (
    hi_rxno        VARCHAR(40)   NOT NULL,
    rx_seq         INTEGER       NOT NULL,
    med_list_codg  VARCHAR(50)   NOT NULL,
    drug_cnt       NUMERIC(16,4) NOT NULL,
    PRIMARY KEY (hi_rxno, rx_seq)
);

-- One drug settlement per prescription (the settlement itself is a node_settlement row, med_type 41, whose
-- fixmedins_code is the pharmacy): a repeated 2102 for the prescription gets the answer stored here.
CREATE TABLE node_drug_settlement (
    hi_rxno        VARCHAR(40)   PRIMARY KEY,
    setl_id        VARCHAR(40)   NOT NULL UNIQUE,
    phar_code      VARCHAR(12)   NOT NULL,
    msgid          VARCHAR(40)   NOT NULL,
    output         TEXT          NOT NULL,
    settled_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Gateway side: the settlement the hospital's circulation record shows for a dispensed prescription.
CREATE TABLE rx_settlement (
    hi_rxno          VARCHAR(40)   PRIMARY KEY,
    pharmacy_code    VARCHAR(12)   NOT NULL,
    setl_id          VARCHAR(40)   NOT NULL,
    msgid            VARCHAR(40)   NOT NULL,
    medfee_sumamt    NUMERIC(16,2) NOT NULL,
    fund_pay_sumamt  NUMERIC(16,2) NOT NULL,
    acct_pay         NUMERIC(16,2) NOT NULL,
    psn_cash_pay     NUMERIC(16,2) NOT NULL,
    delivery_fee     NUMERIC(16,2) NOT NULL,
    output           TEXT          NOT NULL,
    settled_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
