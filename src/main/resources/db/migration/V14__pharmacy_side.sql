-- Pharmacy-side e-prescription transactions 7201-7206 (docs/circulation.md). Portable between H2 (MODE=PostgreSQL)
-- and PostgreSQL. What a pharmacy downloads is the hospital's own signed 7101 input, kept as uploaded, so the
-- pharmacy can check the hospital's signature itself; the write-off (7206) closes the dispensed prescription.
ALTER TABLE node_prescription ADD COLUMN upload_input TEXT;
ALTER TABLE node_prescription ADD COLUMN upload_cainfo TEXT;
ALTER TABLE node_prescription ADD COLUMN written_off_at TIMESTAMP WITH TIME ZONE;
