-- Cross-region settlement (docs/cross-region.md). Portable between H2 (MODE=PostgreSQL) and PostgreSQL.

-- Requests this node (the care place) sent to the insured place's node, the original envelope (run again when the
-- answer arrives, even if nobody waits for it any more) and the peer's answer. One row per msgid.
CREATE TABLE crossregion_request (
    msgid        VARCHAR(40)  PRIMARY KEY,
    infno        VARCHAR(10)  NOT NULL,
    peer_admdvs  VARCHAR(6)   NOT NULL,
    mdtrt_id     VARCHAR(40),
    request      TEXT         NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    answer       TEXT,
    sent_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX crossregion_request_visit_idx ON crossregion_request (mdtrt_id, status);

-- Persons insured at a peer area as their node described them (1101 output), so visits can be registered here.
CREATE TABLE crossregion_person (
    psn_no         VARCHAR(30)  PRIMARY KEY,
    insuplc_admdvs VARCHAR(6)   NOT NULL,
    evoucher_token VARCHAR(60),
    person_info    TEXT         NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
