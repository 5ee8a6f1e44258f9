/**
 * How a certificate names a node: one subject alternative name `URI:interleave:node/<id>`.
 *
 * A URI in a scheme of our own, rather than a DNS name, so that a node's certificate can never pass for a
 * web server's (a DNS name `C` would match a host called `C`), and a certificate made for anything else
 * never names a node. Node ids that go into certificates (and into file names, `<id>.pem`) are limited to
 * letters, digits, `.`, `_` and `-`, so the URI needs no escaping and the SAN text Node reports for it is
 * exactly `URI:interleave:node/<id>`.
 *
 * @example
 * ```ts
 * nodeUri('P2');                                                    // 'interleave:node/P2'
 * certificateNodeId({ subjectaltname: 'URI:interleave:node/P2' });  // 'P2'
 * certificateNodeId({ subjectaltname: 'DNS:example.org' });         // undefined
 * ```
 *
 * @module
 */

/** The prefix of the URI that names a node. */
export const NODE_URI_PREFIX = 'interleave:node/';

const ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Whether `id` can be named in a certificate (1..64 of letters, digits, `.`, `_`, `-`, not `.` or `..`). */
export function isCertifiableId(id: string): boolean {
  return ID.test(id) && id !== '.' && id !== '..';
}

/** The URI naming node `id` in its certificate; throws `RangeError` for an id that cannot be certified. */
export function nodeUri(id: string): string {
  if (!isCertifiableId(id)) throw new RangeError(`tls: node id ${JSON.stringify(id.slice(0, 70))} cannot be put in a certificate (1..64 of A-Z a-z 0-9 . _ -)`);
  return `${NODE_URI_PREFIX}${id}`;
}

/**
 * The node a certificate names, from its subject alternative names as Node reports them
 * (`tls.PeerCertificate.subjectaltname`, `X509Certificate.subjectAltName`: `URI:…, DNS:…`), or undefined
 * if it names none — or more than one, which is as good as none: a certificate must say who it is.
 */
export function certificateNodeId(cert: { readonly subjectaltname?: string | undefined }): string | undefined {
  const ids = (cert.subjectaltname ?? '')
    .split(', ')
    .filter((name) => name.startsWith(`URI:${NODE_URI_PREFIX}`))
    .map((name) => name.slice(`URI:${NODE_URI_PREFIX}`.length));
  return ids.length === 1 && isCertifiableId(ids[0]!) ? ids[0] : undefined;
}
