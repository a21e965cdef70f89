-- A limit on the combined exposure of a group: the parent buyer and every buyer naming it as
-- parent in the master data. Orders of group members lock this row while they reserve, so the
-- group's orders are checked one at a time against the group's headroom.
CREATE TABLE group_limit (
    parent_id  VARCHAR(64)    PRIMARY KEY,
    amount     NUMERIC(19, 4) NOT NULL,
    currency   VARCHAR(3)     NOT NULL,
    reason     VARCHAR(512)   NOT NULL,
    set_by     VARCHAR(64)    NOT NULL,
    set_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
