import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { toPage, type Page } from '../common/pagination';
import { comparisonKey } from '../common/text/normalize';
import { DocumentsService } from '../documents/documents.service';
import { QuestionsService } from '../questions/questions.service';
import { LicencesRepository } from './licences.repository';
import { decodeCursor, encodeCursor, type ListingSort } from './listing-search';
import {
  ListingsRepository,
  type ListingFields,
  type ListingFilter,
  type ListingRecord,
} from './listings.repository';
import type { ListingStatus } from './schemas/listing.schema';

export type ListingView = ListingRecord;

export interface PreviewQuestion {
  type: string;
  topic: string;
  stem: string;
  choices: { id: string; text: string }[];
}

export interface SearchPage {
  items: ListingView[];
  next: string | null;
}

const PREVIEW_QUESTIONS = 3;

/** draft → published ⇄ unlisted; a listing that was ever on sale never goes back to draft. */
const TRANSITIONS: Record<ListingStatus, ListingStatus[]> = {
  draft: ['published'],
  published: ['unlisted'],
  unlisted: ['published'],
};

const searchText = (l: Pick<ListingFields, 'title' | 'description' | 'topics'>) =>
  comparisonKey([l.title, l.description, ...l.topics].join(' '));

/** Sellers' listings, the search buyers browse, previews and ratings. */
@Injectable()
export class ListingsService implements OnModuleInit {
  constructor(
    private readonly listings: ListingsRepository,
    private readonly licences: LicencesRepository,
    private readonly documents: DocumentsService,
    private readonly questions: QuestionsService,
    private readonly clock: Clock,
  ) {}

  /** A document on sale cannot be deleted: its buyers would lose what they paid for. */
  onModuleInit(): void {
    this.documents.registerDeletionHook({
      blocker: async (ownerId, documentId) =>
        (await this.listings.countSellingDocument(ownerId, documentId)) > 0
          ? 'The document is part of a marketplace listing'
          : null,
      purge: async () => undefined,
    });
  }

  async create(sellerId: string, fields: ListingFields): Promise<ListingView> {
    await this.assertOwnDocuments(sellerId, fields.documentIds);
    const normalised = normaliseFields(fields);
    return this.listings.create(sellerId, normalised, searchText(normalised));
  }

  async update(
    sellerId: string,
    id: string,
    changes: Partial<ListingFields> & { status?: ListingStatus },
  ): Promise<ListingView> {
    const current = await this.listings.findById(id);
    if (!current || current.sellerId !== sellerId) throw new NotFoundError('Listing');
    if (changes.status && changes.status !== current.status) {
      if (!TRANSITIONS[current.status].includes(changes.status))
        throw new ConflictError(`A ${current.status} listing cannot become ${changes.status}`);
    }
    if (changes.documentIds) await this.assertOwnDocuments(sellerId, changes.documentIds);
    const { status, ...edits } = changes;
    const given = Object.fromEntries(Object.entries(edits).filter(([, v]) => v !== undefined));
    const merged = normaliseFields({ ...editableFields(current), ...given });
    const updated = await this.listings.update(
      sellerId,
      id,
      { ...merged, ...(status ? { status } : {}) },
      searchText(merged),
    );
    if (!updated) throw new NotFoundError('Listing');
    return updated;
  }

  async mine(sellerId: string, limit: number, cursor?: string): Promise<Page<ListingView>> {
    return toPage(await this.listings.listBySeller(sellerId, limit + 1, cursor), limit);
  }

  async search(
    filter: ListingFilter,
    sort: ListingSort,
    limit: number,
    rawCursor?: string,
  ): Promise<SearchPage> {
    const cursor = rawCursor === undefined ? null : decodeCursor(sort, rawCursor);
    if (rawCursor !== undefined && !cursor)
      throw new InvalidInputError('cursor must be the `next` value of a previous page');
    const text = filter.text === undefined ? undefined : comparisonKey(filter.text);
    const rows = await this.listings.search(
      { ...filter, text: text || undefined, topic: filter.topic && comparisonKey(filter.topic) },
      sort,
      limit + 1,
      cursor,
    );
    const items = rows.slice(0, limit);
    return {
      items,
      next: rows.length > limit ? encodeCursor(sort, items[items.length - 1]) : null,
    };
  }

  /** A published listing for anyone; a draft or unlisted one only for its seller and its buyers. */
  async get(userId: string, id: string): Promise<ListingView & { preview: PreviewQuestion[] }> {
    const listing = await this.requireVisible(userId, id);
    return { ...listing, preview: await this.preview(listing) };
  }

  /** Rates a listing: only a buyer holding an active licence, once (a new rating replaces theirs). */
  async rate(userId: string, id: string, stars: number, comment: string): Promise<ListingView> {
    const listing = await this.listings.findById(id);
    if (!listing) throw new NotFoundError('Listing');
    if (!(await this.licences.findActiveForHolder(id, userId)))
      throw new NotFoundError('Licence for this listing');
    await this.listings.rate(id, userId, stars, comment, this.clock.now());
    return (await this.listings.findById(id))!;
  }

  /** The listing when it is on sale (for checkout and claims). */
  async requireOnSale(id: string): Promise<ListingRecord> {
    const listing = await this.listings.findById(id);
    if (!listing || listing.status !== 'published') throw new NotFoundError('Listing');
    return listing;
  }

  private async requireVisible(userId: string, id: string): Promise<ListingRecord> {
    const listing = await this.listings.findById(id);
    if (!listing) throw new NotFoundError('Listing');
    if (listing.status === 'published' || listing.sellerId === userId) return listing;
    if (listing.status === 'unlisted' && (await this.licences.findActiveForHolder(id, userId)))
      return listing;
    throw new NotFoundError('Listing');
  }

  /** A few of the pack's questions, with neither keys nor explanations. */
  private async preview(listing: ListingRecord): Promise<PreviewQuestion[]> {
    const sample: PreviewQuestion[] = [];
    for (const documentId of listing.documentIds) {
      if (sample.length >= PREVIEW_QUESTIONS) break;
      const questions = await this.questions.findForPractice(listing.sellerId, {
        documentId,
        limit: PREVIEW_QUESTIONS - sample.length,
      });
      for (const q of questions)
        sample.push({
          type: q.type,
          topic: q.topic,
          stem: q.stem,
          choices: q.choices.map((c) => ({ id: c.id, text: c.text })),
        });
    }
    return sample;
  }

  private async assertOwnDocuments(sellerId: string, documentIds: string[]): Promise<void> {
    for (const documentId of new Set(documentIds)) {
      if (!(await this.documents.isReady(sellerId, documentId)))
        throw new NotFoundError('Document', { documentId });
    }
  }
}

function editableFields(l: ListingRecord): ListingFields {
  return {
    title: l.title,
    description: l.description,
    topics: l.topics,
    language: l.language,
    level: l.level,
    documentIds: l.documentIds,
    priceMinor: l.priceMinor,
    currency: l.currency,
    licenceKind: l.licenceKind,
    seats: l.seats,
  };
}

/** Topics lower-case and unique; documents unique; a personal licence has one seat. */
function normaliseFields(fields: ListingFields): ListingFields {
  return {
    ...fields,
    topics: [...new Set(fields.topics.map(comparisonKey).filter(Boolean))],
    documentIds: [...new Set(fields.documentIds)],
    currency: fields.currency.toLowerCase(),
    seats: fields.licenceKind === 'personal' ? 1 : fields.seats,
  };
}
