import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/**
 * A simulated LMS for LTI 1.3 launches: its own RSA key, its JWKS served on a loopback port, and the
 * id_tokens it would post to the tool after authenticating a user.
 */
export class LtiPlatformSimulator {
  readonly issuer = 'https://lms.example.org';
  readonly clientId = 'adaptive-learning-tool';
  readonly deploymentId = 'deployment-1';

  private constructor(
    private readonly server: Server,
    readonly jwksUrl: string,
    private readonly privateKey: CryptoKey,
    readonly kid: string,
  ) {}

  static async start(): Promise<LtiPlatformSimulator> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const kid = 'platform-key-1';
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }],
    });
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(jwks);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new LtiPlatformSimulator(server, `http://127.0.0.1:${port}/jwks`, privateKey, kid);
  }

  /** The body an administrator registers this platform with. */
  registration() {
    return {
      name: 'Simulated LMS',
      issuer: this.issuer,
      clientId: this.clientId,
      deploymentIds: [this.deploymentId],
      authLoginUrl: `${this.issuer}/api/lti/authorize_redirect`,
      jwksUrl: this.jwksUrl,
    };
  }

  /** A resource-link launch id_token for `subject`, signed by the platform. */
  async idToken(options: {
    nonce: string;
    subject: string;
    now: Date;
    email?: string;
    instructor?: boolean;
    custom?: Record<string, string>;
    audience?: string;
    expiresInSeconds?: number;
    deploymentId?: string;
  }): Promise<string> {
    const iat = Math.floor(options.now.getTime() / 1000);
    return new SignJWT({
      nonce: options.nonce,
      name: 'Ada Lovelace',
      ...(options.email ? { email: options.email } : {}),
      [`${LTI}message_type`]: 'LtiResourceLinkRequest',
      [`${LTI}version`]: '1.3.0',
      [`${LTI}deployment_id`]: options.deploymentId ?? this.deploymentId,
      [`${LTI}target_link_uri`]: 'https://tool.example.org/lti/launch',
      [`${LTI}resource_link`]: { id: 'resource-link-1', title: 'Water cycle' },
      [`${LTI}roles`]: [
        options.instructor
          ? 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'
          : 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
      ],
      [`${LTI}custom`]: options.custom ?? {},
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid })
      .setIssuer(this.issuer)
      .setAudience(options.audience ?? this.clientId)
      .setSubject(options.subject)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (options.expiresInSeconds ?? 300))
      .sign(this.privateKey);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
