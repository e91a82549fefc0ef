/**
 * The IMS LTI 1.3 core claims of a resource-link launch (LTI Core 1.3, §5.3 and §5.4), read from an
 * id_token whose signature, issuer, audience and expiry are already verified.
 */
export const LTI_CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
export const INSTRUCTOR_ROLES = [
  'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor',
  'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
];

export interface ResourceLinkLaunch {
  subject: string;
  email: string | null;
  name: string | null;
  instructor: boolean;
  resourceLinkId: string;
  /** What to open: from custom parameters `document_id` / `assignment_id`. */
  target: { kind: 'document' | 'assignment'; id: string } | null;
}

export class LaunchRejected extends Error {}

const claim = (payload: Record<string, unknown>, name: string) => payload[`${LTI_CLAIM}${name}`];

export function readResourceLinkLaunch(
  payload: Record<string, unknown>,
  expected: { nonce: string; deploymentIds: readonly string[] },
): ResourceLinkLaunch {
  if (payload.nonce !== expected.nonce) throw new LaunchRejected('nonce does not match the login');
  if (claim(payload, 'message_type') !== 'LtiResourceLinkRequest')
    throw new LaunchRejected('not a resource-link launch');
  if (claim(payload, 'version') !== '1.3.0') throw new LaunchRejected('not LTI 1.3.0');
  const deployment = claim(payload, 'deployment_id');
  if (typeof deployment !== 'string' || !expected.deploymentIds.includes(deployment))
    throw new LaunchRejected('unknown deployment');
  const link = claim(payload, 'resource_link') as { id?: unknown } | undefined;
  if (typeof link?.id !== 'string' || link.id.length === 0)
    throw new LaunchRejected('no resource link id');
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255)
    throw new LaunchRejected('no subject (anonymous launches are not supported)');
  const roles = claim(payload, 'roles');
  if (!Array.isArray(roles)) throw new LaunchRejected('no roles claim');
  const custom = (claim(payload, 'custom') ?? {}) as Record<string, unknown>;
  const objectId = (value: unknown) =>
    typeof value === 'string' && /^[0-9a-f]{24}$/.test(value) ? value : null;
  const documentId = objectId(custom.document_id);
  const assignmentId = objectId(custom.assignment_id);
  return {
    subject: payload.sub,
    email: typeof payload.email === 'string' ? payload.email : null,
    name: typeof payload.name === 'string' ? payload.name.slice(0, 100) : null,
    instructor: roles.some((r) => INSTRUCTOR_ROLES.includes(String(r))),
    resourceLinkId: link.id,
    target: documentId
      ? { kind: 'document', id: documentId }
      : assignmentId
        ? { kind: 'assignment', id: assignmentId }
        : null,
  };
}
