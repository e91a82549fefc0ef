import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '../errors';

/** A topic in a path: 1–200 characters once trimmed, no control characters. */
@Injectable()
export class TopicParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const topic = typeof value === 'string' ? value.trim() : '';
    // eslint-disable-next-line no-control-regex
    if (topic.length === 0 || topic.length > 200 || /[\u0000-\u001f\u007f]/.test(topic)) {
      throw new InvalidInputError('topic must be 1 to 200 printable characters');
    }
    return topic;
  }
}
