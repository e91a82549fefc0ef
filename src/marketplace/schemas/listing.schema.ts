import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

export const LISTING_STATUSES = ['draft', 'published', 'unlisted'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];
export const LICENCE_KINDS = ['personal', 'classroom'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];
export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type Level = (typeof LEVELS)[number];

/** A content pack on sale: documents with their questions, under one licence kind and price. */
@Schema({ collection: 'marketplace_listings', timestamps: true })
export class Listing {
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  sellerId!: Types.ObjectId;

  @Prop({ type: String, required: true, maxlength: 200 })
  title!: string;

  @Prop({ type: String, default: '', maxlength: 5000 })
  description!: string;

  /** Lower-case topic names, for the topic filter. */
  @Prop({ type: [String], default: [] })
  topics!: string[];

  @Prop({ type: String, required: true, maxlength: 35 })
  language!: string;

  @Prop({ type: String, enum: LEVELS, required: true })
  level!: Level;

  @Prop({ type: [MongooseSchema.Types.ObjectId], required: true })
  documentIds!: Types.ObjectId[];

  /** Integer minor units (cents); 0 is free. */
  @Prop({ type: Number, required: true, min: 0 })
  priceMinor!: number;

  /** ISO 4217, lower case. */
  @Prop({ type: String, required: true, maxlength: 3 })
  currency!: string;

  @Prop({ type: String, enum: LICENCE_KINDS, required: true })
  licenceKind!: LicenceKind;

  /** Seats of a classroom licence; 1 for a personal one. */
  @Prop({ type: Number, required: true, min: 1 })
  seats!: number;

  @Prop({ type: String, enum: LISTING_STATUSES, required: true })
  status!: ListingStatus;

  /** Normalised title, description and topics, for text search. */
  @Prop({ type: String, required: true })
  searchText!: string;

  @Prop({ type: Number, default: 0 })
  ratingAverage!: number;

  @Prop({ type: Number, default: 0 })
  ratingCount!: number;

  createdAt!: Date;
  updatedAt!: Date;
}

export const ListingSchema = SchemaFactory.createForClass(Listing);

// A seller's own listings in id order (GET /api/marketplace/listings/mine).
ListingSchema.index({ sellerId: 1, _id: 1 });
// Search, newest first; by price; by rating (GET /api/marketplace/listings).
ListingSchema.index({ status: 1, _id: -1 });
ListingSchema.index({ status: 1, priceMinor: 1, _id: 1 });
ListingSchema.index({ status: 1, ratingAverage: -1, _id: -1 });
// Search narrowed to a topic or a level, newest first.
ListingSchema.index({ status: 1, topics: 1, _id: -1 });
ListingSchema.index({ status: 1, level: 1, _id: -1 });
// Deleting a document is refused while a listing sells it.
ListingSchema.index({ documentIds: 1 });
