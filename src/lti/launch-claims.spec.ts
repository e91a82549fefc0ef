import { LaunchRejected, LTI_CLAIM, readResourceLinkLaunch } from './launch-claims';

const launch = (overrides: Record<string, unknown> = {}) => ({
  iss: 'https://lms.example.org',
  aud: 'tool-client',
  sub: 'user-42',
  nonce: 'n-1',
  name: 'Ada Lovelace',
  email: 'ada@example.org',
  [`${LTI_CLAIM}message_type`]: 'LtiResourceLinkRequest',
  [`${LTI_CLAIM}version`]: '1.3.0',
  [`${LTI_CLAIM}deployment_id`]: 'dep-1',
  [`${LTI_CLAIM}resource_link`]: { id: 'link-7' },
  [`${LTI_CLAIM}roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
  [`${LTI_CLAIM}custom`]: { document_id: '0123456789abcdef01234567' },
  ...overrides,
});
const expected = { nonce: 'n-1', deploymentIds: ['dep-1'] };

describe('readResourceLinkLaunch', () => {
  it('reads a learner’s launch of a document', () => {
    expect(readResourceLinkLaunch(launch(), expected)).toEqual({
      subject: 'user-42',
      email: 'ada@example.org',
      name: 'Ada Lovelace',
      instructor: false,
      resourceLinkId: 'link-7',
      target: { kind: 'document', id: '0123456789abcdef01234567' },
    });
  });

  it('knows instructors', () => {
    const roles = ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'];
    expect(
      readResourceLinkLaunch(launch({ [`${LTI_CLAIM}roles`]: roles }), expected).instructor,
    ).toBe(true);
  });

  it.each([
    ['another nonce', { nonce: 'n-2' }],
    ['a deep-linking message', { [`${LTI_CLAIM}message_type`]: 'LtiDeepLinkingRequest' }],
    ['LTI 1.1', { [`${LTI_CLAIM}version`]: '1.1' }],
    ['an unknown deployment', { [`${LTI_CLAIM}deployment_id`]: 'dep-9' }],
    ['no resource link', { [`${LTI_CLAIM}resource_link`]: {} }],
    ['no subject', { sub: undefined }],
    ['no roles', { [`${LTI_CLAIM}roles`]: undefined }],
  ])('refuses %s', (_, overrides) => {
    expect(() => readResourceLinkLaunch(launch(overrides), expected)).toThrow(LaunchRejected);
  });

  it('ignores a target that is not an id', () => {
    const custom = { [`${LTI_CLAIM}custom`]: { document_id: { $ne: '' } } };
    expect(readResourceLinkLaunch(launch(custom), expected).target).toBeNull();
  });
});
