import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { ReviewParameters } from './schemas/review-parameters.schema';

export interface ParametersRecord {
  weights: number[] | null;
  fittedAt: Date | null;
  reviewCount: number;
  logLossBefore: number | null;
  logLossAfter: number | null;
  logLossDefaults: number | null;
  adopted: boolean;
  checkedAt: Date;
}

type LeanParameters = ReviewParameters & { _id: Types.ObjectId };

const toRecord = (doc: LeanParameters): ParametersRecord => ({
  weights: doc.weights && doc.weights.length > 0 ? doc.weights : null,
  fittedAt: doc.fittedAt,
  reviewCount: doc.reviewCount,
  logLossBefore: doc.logLossBefore,
  logLossAfter: doc.logLossAfter,
  logLossDefaults: doc.logLossDefaults ?? null,
  adopted: doc.adopted,
  checkedAt: doc.checkedAt,
});

/** Every query on review_parameters: one document per student, whose _id is the student's id. */
@Injectable()
export class ReviewParametersRepository {
  constructor(
    @InjectModel(ReviewParameters.name) private readonly parameters: Model<ReviewParameters>,
  ) {}

  async find(userId: string): Promise<ParametersRecord | null> {
    const found = await this.parameters
      .findOne({ _id: new Types.ObjectId(userId) })
      .lean<LeanParameters>()
      .exec();
    return found ? toRecord(found) : null;
  }

  async save(userId: string, record: ParametersRecord): Promise<void> {
    await this.parameters
      .updateOne({ _id: new Types.ObjectId(userId) }, { $set: record }, { upsert: true })
      .exec();
  }

  async remove(userId: string): Promise<void> {
    await this.parameters.deleteOne({ _id: new Types.ObjectId(userId) }).exec();
  }
}
