import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { Optional } from '../../common/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class KeyTermDto {
  @ApiProperty({ type: String, example: 'carbon dioxide' })
  text!: string;

  @ApiProperty({ enum: ['concept', 'proper', 'acronym', 'year'] })
  kind!: string;

  @ApiProperty({ type: Number, description: 'Occurrences in the document' })
  count!: number;
}

export class DocumentDto {
  @ApiProperty({ type: String, example: '665f1c2e9b1d8c0012345678' })
  id!: string;

  @ApiProperty({
    type: String,
    description:
      'Detected from the document (first heading, title line or file name); can be renamed',
  })
  title!: string;

  @ApiProperty({ type: String, example: 'photosynthesis.md' })
  filename!: string;

  @ApiProperty({ enum: ['pdf', 'docx', 'markdown', 'text'] })
  kind!: string;

  @ApiProperty({ type: String, example: 'text/markdown' })
  mimeType!: string;

  @ApiProperty({ type: Number })
  sizeBytes!: number;

  @ApiProperty({ type: String, description: 'SHA-256 of the stored original, hex' })
  sha256!: string;

  @ApiProperty({ type: Number })
  pageCount!: number;

  @ApiProperty({ type: Number, description: 'Length of the extracted text, in characters' })
  charCount!: number;

  @ApiProperty({ type: Number, description: 'Number of sections the text was split into' })
  chunkCount!: number;

  @ApiProperty({ type: [String], description: 'Main topics (key terms that recur)' })
  topics!: string[];

  @ApiProperty({ type: [KeyTermDto], description: 'Ranked key terms' })
  keyTerms!: KeyTermDto[];

  @ApiProperty({
    type: Boolean,
    description: 'In the shared library: every signed-in user can read it and practise on it',
  })
  published!: boolean;

  @ApiProperty({ type: Date })
  createdAt!: Date;

  @ApiProperty({ type: Date })
  updatedAt!: Date;
}

export class DocumentPageDto {
  @ApiProperty({ type: [DocumentDto] })
  items!: DocumentDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Cursor of the next page; null on the last',
  })
  next!: string | null;
}

export class ChunkDto {
  @ApiProperty({ type: String, description: 'Cited by questions as `citation.chunkId`' })
  id!: string;

  @ApiProperty({ type: Number, description: 'Position of the section in the document, from 0' })
  index!: number;

  @ApiProperty({
    type: Number,
    description: 'Page number (from 1; text and Markdown files are one page)',
  })
  page!: number;

  @ApiProperty({
    type: Number,
    description: 'Start offset in the document text (pages joined by a blank line)',
  })
  start!: number;

  @ApiProperty({ type: Number, description: 'End offset (exclusive)' })
  end!: number;

  @ApiProperty({ type: String })
  text!: string;
}

export class ChunkPageDto {
  @ApiProperty({ type: [ChunkDto] })
  items!: ChunkDto[];

  @ApiProperty({ nullable: true, type: String })
  next!: string | null;
}

export class RenameDocumentDto {
  @ApiProperty({
    type: String,
    minLength: 1,
    maxLength: 200,
    example: 'Photosynthesis — chapter 3',
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;
}

export class UploadDocumentDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'PDF, Word (.docx), Markdown (.md) or plain text (.txt, UTF-8)',
  })
  file!: unknown;
}

export class DocumentListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['mine', 'library'],
    default: 'mine',
    description: '`mine`: your documents; `library`: documents published for everyone',
  })
  @Optional()
  @IsIn(['mine', 'library'])
  scope: 'mine' | 'library' = 'mine';
}

export class PublishDocumentDto {
  @ApiProperty({
    type: Boolean,
    description: 'true puts the document in the shared library, false takes it out',
  })
  @IsBoolean()
  published!: boolean;
}
