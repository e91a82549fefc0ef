import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, trusted, Types } from 'mongoose';
import { SORT_FIELDS, type ListingCursor, type ListingSort } from './listing-search';
import {
  Listing,
  type Level,
  type LicenceKind,
  type ListingStatus,
} from './schemas/listing.schema';
import { Rating } from './schemas/rating.schema';

export interface ListingRecord {
  id: string;
  sellerId: string;
  title: string;
  description: string;
  topics: string[];
  language: string;
  level: Level;
  documentIds: string[];
  priceMinor: number;
  currency: string;
  licenceKind: LicenceKind;
  seats: number;
  status: ListingStatus;
  ratingAverage: number;
  ratingCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ListingFields = Omit<
  ListingRecord,
  'id' | 'sellerId' | 'status' | 'ratingAverage' | 'ratingCount' | 'createdAt' | 'updatedAt'
>;

export interface ListingFilter {
  text?: string;
  topic?: string;
  level?: Level;
  minPriceMinor?: number;
  maxPriceMinor?: number;
}

type LeanListing = Listing & { _id: Types.ObjectId };

const oid = (id: string) => new Types.ObjectId(id);
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const toRecord = (l: LeanListing): ListingRecord => ({
  id: l._id.toHexString(),
  sellerId: l.sellerId.toHexString(),
  title: l.title,
  description: l.description,
  topics: l.topics,
  language: l.language,
  level: l.level,
  documentIds: l.documentIds.map((d) => d.toHexString()),
  priceMinor: l.priceMinor,
  currency: l.currency,
  licenceKind: l.licenceKind,
  seats: l.seats,
  status: l.status,
  ratingAverage: l.ratingAverage ?? 0,
  ratingCount: l.ratingCount ?? 0,
  createdAt: l.createdAt,
  updatedAt: l.updatedAt,
});

/** Every query on `marketplace_listings` and `marketplace_ratings`. */
@Injectable()
export class ListingsRepository {
  constructor(
    @InjectModel(Listing.name) private readonly listings: Model<Listing>,
    @InjectModel(Rating.name) private readonly ratings: Model<Rating>,
  ) {}

  async create(
    sellerId: string,
    fields: ListingFields,
    searchText: string,
  ): Promise<ListingRecord> {
    const created = await this.listings.create({
      ...fields,
      sellerId: oid(sellerId),
      documentIds: fields.documentIds.map(oid),
      status: 'draft',
      searchText,
    });
    return toRecord(created.toObject() as LeanListing);
  }

  async findById(id: string): Promise<ListingRecord | null> {
    const l = await this.listings.findById(id).lean<LeanListing>().exec();
    return l ? toRecord(l) : null;
  }

  async update(
    sellerId: string,
    id: string,
    changes: Partial<ListingFields> & { status?: ListingStatus },
    searchText: string,
  ): Promise<ListingRecord | null> {
    const $set: Record<string, unknown> = { ...changes, searchText };
    if (changes.documentIds) $set.documentIds = changes.documentIds.map(oid);
    const l = await this.listings
      .findOneAndUpdate({ _id: id, sellerId: oid(sellerId) }, { $set }, { returnDocument: 'after' })
      .lean<LeanListing>()
      .exec();
    return l ? toRecord(l) : null;
  }

  async listBySeller(sellerId: string, limit: number, cursor?: string): Promise<ListingRecord[]> {
    const query: Record<string, unknown> = { sellerId: oid(sellerId) };
    if (cursor) query._id = trusted({ $gt: oid(cursor) });
    const rows = await this.listings
      .find(query)
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LeanListing[]>()
      .exec();
    return rows.map(toRecord);
  }

  /** Published listings matching the filter, in the sort's order, after the cursor. */
  async search(
    filter: ListingFilter,
    sort: ListingSort,
    limit: number,
    cursor: ListingCursor | null,
  ): Promise<ListingRecord[]> {
    const query: Record<string, unknown> = { status: 'published' };
    if (filter.topic !== undefined) query.topics = filter.topic;
    if (filter.level !== undefined) query.level = filter.level;
    if (filter.text !== undefined) query.searchText = trusted({ $regex: escapeRegex(filter.text) });
    const price: Record<string, number> = {};
    if (filter.minPriceMinor !== undefined) price.$gte = filter.minPriceMinor;
    if (filter.maxPriceMinor !== undefined) price.$lte = filter.maxPriceMinor;
    if (Object.keys(price).length > 0) query.priceMinor = trusted(price);

    const { field, direction } = SORT_FIELDS[sort];
    const after = direction === 1 ? '$gt' : '$lt';
    if (cursor) {
      const id = oid(cursor.id);
      if (field) {
        query.$or = [
          { [field]: trusted({ [after]: cursor.value }) },
          { [field]: cursor.value, _id: trusted({ [after]: id }) },
        ];
      } else {
        query._id = trusted({ [after]: id });
      }
    }
    const order: Record<string, 1 | -1> = field
      ? { [field]: direction, _id: direction }
      : { _id: direction };
    const rows = await this.listings
      .find(query)
      .sort(order)
      .limit(limit)
      .lean<LeanListing[]>()
      .exec();
    return rows.map(toRecord);
  }

  async countSellingDocument(sellerId: string, documentId: string): Promise<number> {
    return this.listings
      .countDocuments({ documentIds: oid(documentId), sellerId: oid(sellerId) })
      .exec();
  }

  /** Writes the user's rating (replacing an earlier one), then refreshes the listing's average. */
  async rate(listingId: string, userId: string, stars: number, comment: string, at: Date) {
    await this.ratings
      .replaceOne(
        { _id: `${listingId}:${userId}` },
        { listingId: oid(listingId), userId: oid(userId), stars, comment, at },
        { upsert: true },
      )
      .exec();
    const all = await this.ratings
      .find({ listingId: oid(listingId) }, { stars: 1 })
      .lean<{ stars: number }[]>()
      .exec();
    const total = all.reduce((sum, r) => sum + r.stars, 0);
    const ratingAverage = all.length ? Math.round((total / all.length) * 100) / 100 : 0;
    await this.listings
      .updateOne({ _id: listingId }, { $set: { ratingAverage, ratingCount: all.length } })
      .exec();
  }
}
