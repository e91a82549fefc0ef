import { readFixture, rejectionOf } from '../../../scripts/fixtures/testing';
import { writeZip } from '../../../scripts/fixtures/zip-writer';
import { assertSafeDocx } from './docx-guard';

describe('assertSafeDocx', () => {
  it('accepts a real Word document', async () => {
    await expect(assertSafeDocx(readFixture('french-revolution.docx'))).resolves.toBeUndefined();
  });

  it('rejects a highly compressed part (24 MiB of zeros in 24 KB)', async () => {
    const error = await rejectionOf(assertSafeDocx(readFixture('bomb.docx')));
    expect(error.reason).toBe('zip-bomb');
    expect(error.message).toMatch(/word\/media\/filler\.bin is compressed \d+:1/);
  });

  it('rejects a part that inflates past the size its header declares', async () => {
    const error = await rejectionOf(assertSafeDocx(readFixture('bomb-lying-sizes.docx')));
    expect(error.reason).toBe('zip-bomb');
    expect(error.message).toMatch(/more than its header declares/);
  });

  it('rejects when the parts together exceed the total size limit', async () => {
    const docx = readFixture('french-revolution.docx');
    const error = await rejectionOf(assertSafeDocx(docx, { maxTotalBytes: 6000 }));
    expect(error.reason).toBe('zip-bomb');
  });

  it('rejects too many parts', async () => {
    const error = await rejectionOf(
      assertSafeDocx(readFixture('french-revolution.docx'), { maxEntries: 4 }),
    );
    expect(error).toMatchObject({ reason: 'zip-bomb', message: expect.stringMatching(/5 parts/) });
  });

  it('rejects a zip without word/document.xml and one with a duplicated part', async () => {
    const plainZip = writeZip([{ name: 'notes.txt', data: Buffer.from('hello') }]);
    expect((await rejectionOf(assertSafeDocx(plainZip))).reason).toBe('corrupt');
    const body = { name: 'word/document.xml', data: Buffer.from('<w:document/>') };
    const duplicated = writeZip([body, body]);
    const error = await rejectionOf(assertSafeDocx(duplicated));
    expect(error).toMatchObject({
      reason: 'corrupt',
      message: expect.stringMatching(/appears twice/),
    });
  });

  it('rejects bytes that are not a zip archive', async () => {
    expect(
      (await rejectionOf(assertSafeDocx(Buffer.from('PK\u0003\u0004 not really')))).reason,
    ).toBe('corrupt');
  });
});
