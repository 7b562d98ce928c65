import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { hashSecret, randomToken } from './platform/crypto.js';

// ASVS 5.0 V11.2.1–V11.5.1 (the cryptographic inventory of docs/security/crypto.md, held against
// the code) and V1.3.2 (no code from text): a new algorithm, library or eval fails here first.

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = sources(SRC).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
const matches = (pattern: RegExp) => files.flatMap((f) => [...f.text.matchAll(pattern)].map((m) => ({ file: f.path, found: m[1] ?? m[0] })));

/** The node:crypto functions the inventory lists; anything else (sign, pbkdf2, generateKeyPair, …) needs an entry first. */
const NODE_CRYPTO = new Set(['createCipheriv', 'createDecipheriv', 'createHash', 'createHmac', 'randomBytes', 'randomInt', 'randomUUID', 'timingSafeEqual']);
/** Packages that do cryptography, with what the inventory says they are for. */
const CRYPTO_PACKAGES = new Set(['node:crypto', '@node-rs/argon2', 'otpauth', 'standardwebhooks', '@simplewebauthn/server']);

describe('the cryptographic inventory (docs/security/crypto.md)', () => {
  it('11.2.1: node:crypto is used only through the listed functions, and no other crypto library is imported', () => {
    const named = files.flatMap((f) => [...f.text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(?:node:)?crypto'/g)].flatMap((m) => (m[1] ?? '').split(',').map((n) => ({ file: f.path, name: n.trim() }))));
    assert.ok(named.length >= 4, 'the scan sees the imports');
    assert.deepEqual(named.filter((n) => n.name && !NODE_CRYPTO.has(n.name)), []);
    assert.deepEqual(matches(/import\s+(?!\{)[^;]*from\s*'(?:node:)?crypto'|require\('(?:node:)?crypto'\)/g), [], 'no default or namespace import hides a function');
    const cryptoLike = matches(/from\s*'([^']*(?:crypt|argon|bcrypt|scrypt|sha|md5|jose|jwt|jsonwebtoken|nacl|sodium|forge|otp|webhook)[^']*)'/g).filter((m) => !CRYPTO_PACKAGES.has(m.found) && !m.found.startsWith('.'));
    assert.deepEqual(cryptoLike, []);
  });

  it('11.4.1/11.4.3: every hash and MAC is SHA-256; 11.3.1/11.3.2: the only cipher is AES-256-GCM', () => {
    const hashes = matches(/create(?:Hash|Hmac)\(\s*'([^']+)'/g);
    assert.ok(hashes.length >= 3, JSON.stringify(hashes));
    assert.deepEqual(hashes.filter((h) => h.found !== 'sha256'), []);
    assert.deepEqual(matches(/create(?:Hash|Hmac)\(\s*(?!')/g), [], 'no algorithm chosen at run time');
    const ciphers = matches(/create(?:Cipheriv|Decipheriv)\(\s*'([^']+)'/g);
    assert.equal(ciphers.length, 2);
    assert.deepEqual(ciphers.filter((c) => c.found !== 'aes-256-gcm'), []);
    assert.deepEqual(matches(/create(?:Cipheriv|Decipheriv)\(\s*(?!')/g), []);
    // TOTP is HMAC-SHA1 by RFC 6238 and every authenticator app; it is the one SHA-1 and it is listed.
    assert.deepEqual(matches(/algorithm:\s*'([^']+)'/g), [{ file: 'src/features/console/totp.ts', found: 'SHA1' }]);
  });

  it('11.5.1: random values come from the CSPRNG only, and tokens are 32 bytes', () => {
    assert.deepEqual(matches(/Math\.random\(/g), []);
    const tokens = new Set(Array.from({ length: 100 }, randomToken));
    assert.equal(tokens.size, 100);
    for (const token of tokens) assert.match(token, /^[A-Za-z0-9_-]{43}$/, '256 bits, base64url');
  });

  it('11.4.2: passwords and keywords are argon2id at m=19456 KiB, t=2, p=1', async () => {
    assert.match(await hashSecret('Abc12345'), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.deepEqual(matches(/from '@node-rs\/argon2'/g).map((m) => m.file), ['src/platform/crypto.ts'], 'one place hashes secrets');
  });
});

describe('the browser side (3.7.1)', () => {
  it('public/ holds stylesheets, images and the one passkey script (decision 0022): no other script, plugin or client-side technology', () => {
    const served = readdirSync(join(ROOT, 'public'));
    assert.ok(served.includes('style.css'));
    assert.deepEqual(served.filter((name) => !/\.(css|png|svg|ico|woff2?)$/.test(name)), ['webauthn.js']);
  });
});

describe('no code from text (1.3.2)', () => {
  it('ESLint refuses eval, implied eval and new Function in src/', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const code = ["eval('1');", "setTimeout('alert(1)', 1);", "new Function('return 1');", 'export {};'].join('\n');
    const [result] = await eslint.lintText(code, { filePath: join(SRC, 'platform', 'probe.ts') });
    const rules = new Set(result?.messages.map((m) => m.ruleId));
    assert.deepEqual([...rules].filter((r) => r && ['no-eval', 'no-implied-eval', 'no-new-func'].includes(r)).sort(), ['no-eval', 'no-implied-eval', 'no-new-func']);
  });
});
