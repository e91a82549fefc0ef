import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/** A licence holder's rating of a listing; `_id` is `<listingId>:<userId>`, one per buyer. */
@Schema({ collection: 'marketplace_ratings', versionKey: false })
export class Rating {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  listingId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Number, required: true, min: 1, max: 5 })
  stars!: number;

  @Prop({ type: String, default: '', maxlength: 2000 })
  comment!: string;

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const RatingSchema = SchemaFactory.createForClass(Rating);

// A listing's ratings, for its average and count.
RatingSchema.index({ listingId: 1 });
