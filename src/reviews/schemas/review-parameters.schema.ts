import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

/**
 * A student's fitted FSRS parameters and the figures of the last fit. Absent: the defaults apply.
 * `weights` are the adopted parameters; a fit that did not beat them leaves them as they were.
 */
@Schema({ collection: 'review_parameters' })
export class ReviewParameters {
  /** The student's id: read by _id alone before every scheduling decision. */
  @Prop({ type: MongooseSchema.Types.ObjectId, required: true })
  _id!: Types.ObjectId;

  /** Adopted FSRS-6 parameters (21 numbers); null while the defaults are in use. */
  @Prop({ type: [Number], default: null })
  weights!: number[] | null;

  /** When the adopted parameters were fitted. */
  @Prop({ type: Date, default: null })
  fittedAt!: Date | null;

  /** Reviews in the log when the last fit ran. */
  @Prop({ type: Number, required: true })
  reviewCount!: number;

  /** Held-out log loss of the parameters in use before the last fit, and of the newly fitted ones. */
  @Prop({ type: Number, default: null })
  logLossBefore!: number | null;

  @Prop({ type: Number, default: null })
  logLossAfter!: number | null;

  /** Held-out log loss of the default parameters, for reference. */
  @Prop({ type: Number, default: null })
  logLossDefaults!: number | null;

  /** Whether the last fit was adopted. */
  @Prop({ type: Boolean, required: true })
  adopted!: boolean;

  @Prop({ type: Date, required: true })
  checkedAt!: Date;
}

export const ReviewParametersSchema = SchemaFactory.createForClass(ReviewParameters);
// Read by _id (the student's id) before scheduling: the built-in _id index serves it.
