-- API tokens carry scopes (read, write, run), comma-separated. Tokens made before scopes
-- existed could do everything, so they keep all three.
ALTER TABLE api_tokens ADD COLUMN scopes VARCHAR(40) DEFAULT 'read,write,run' NOT NULL;
