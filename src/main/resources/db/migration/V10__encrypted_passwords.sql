-- Provider passwords are stored encrypted (AES-256-GCM, "enc:v1:" + base64url): room for a 1024-character password
-- after encryption and encoding. Existing plain-text passwords are encrypted by the application at start.
ALTER TABLE accounts MODIFY password VARCHAR(2048) NULL;
