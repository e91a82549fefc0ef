import { Injectable, PipeTransform } from '@nestjs/common';
import { isValidObjectId } from 'mongoose';
import { InvalidInputError } from '../errors';
import { isObjectIdHex } from './object-id';

/** Rejects path ids that are not 24-character hex ObjectIds with a clear 400. */
@Injectable()
export class ParseObjectIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !isObjectIdHex(value) || !isValidObjectId(value)) {
      throw new InvalidInputError(`"${String(value).slice(0, 40)}" is not a valid id`);
    }
    return value.toLowerCase();
  }
}
