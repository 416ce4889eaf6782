import { describe, expect, it } from 'vitest';
import { isOneClickBody } from './one-click.js';

// RFC 8058 §8.1, byte for byte (Content-Length: 26).
const URLENCODED = 'List-Unsubscribe=One-Click';
// RFC 8058 §8.3 body. As printed, its header says boundary=---FormBoundaryjWmhtjORrn, which does not match
// these delimiters ('--' + boundary); errata 5117/8927 correct the header to boundary=-FormBoundaryjWmhtjORrn.
const MULTIPART_BODY =
  '---FormBoundaryjWmhtjORrn\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n---FormBoundaryjWmhtjORrn--\r\n';

describe('isOneClickBody', () => {
  it.each([
    ['application/x-www-form-urlencoded', URLENCODED, true],
    ['application/x-www-form-urlencoded; charset=utf-8', 'foo=bar&List-Unsubscribe=One-Click', true],
    ['multipart/form-data; boundary=---FormBoundaryjWmhtjORrn', MULTIPART_BODY, true],
    ['multipart/form-data; boundary=-FormBoundaryjWmhtjORrn', MULTIPART_BODY, true],
    [
      'multipart/form-data; boundary=x',
      '--x\nContent-Disposition: form-data; name=List-Unsubscribe\n\nOne-Click\n--x--\n',
      true,
    ],
    ['application/x-www-form-urlencoded', 'List-Unsubscribe=Two-Clicks', false],
    ['application/x-www-form-urlencoded', '', false],
    ['application/json', '{"List-Unsubscribe":"One-Click"}', false],
    ['text/plain', URLENCODED, false],
    [undefined, URLENCODED, false],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="Other"\r\n\r\nOne-Click\r\n--x--',
      false,
    ],
  ])('%s %j → %s', (type, body, expected) => {
    expect(isOneClickBody(type, body)).toBe(expected);
  });
});
