import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * A student given one seat of a classroom licence. `_id` is `<licenceId>:<slot>` with slot 1..seats,
 * so two teachers filling the last seat at once cannot both win: the slot's insert is unique.
 */
@Schema({ collection: 'marketplace_seats', versionKey: false })
export class Seat {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  licenceId!: Types.ObjectId;

  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: Number, required: true, min: 1 })
  slot!: number;

  @Prop({ type: Date, required: true })
  assignedAt!: Date;
}

export const SeatSchema = SchemaFactory.createForClass(Seat);

// A licence's seats, and one seat per student per licence.
SeatSchema.index({ licenceId: 1, userId: 1 }, { unique: true });
// The licences a student holds a seat of, in licence order.
SeatSchema.index({ userId: 1, licenceId: 1 });
// A licence's seats in slot order (the seat list of a classroom licence).
SeatSchema.index({ licenceId: 1, slot: 1 });
