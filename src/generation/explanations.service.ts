import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ServiceUnavailableError } from '../common/errors';
import { DocumentsService } from '../documents/documents.service';
import { QuestionStorageService } from '../questions/question-storage.service';
import { ProviderError } from './providers/provider-errors';
import { QuestionProvider, UsageMeter, type LocatedQuote } from './providers/provider.types';

export interface ExplanationView {
  questionId: string;
  version: number;
  explanation: string;
  citations: LocatedQuote[];
  provider: string;
  cached: boolean;
  generatedAt: Date;
}

/** Explanations with citations, written once per question version by the configured provider and cached. */
@Injectable()
export class ExplanationsService {
  constructor(
    private readonly questions: QuestionStorageService,
    private readonly documents: DocumentsService,
    private readonly provider: QuestionProvider,
    private readonly clock: Clock,
  ) {}

  async explain(ownerId: string, questionId: string): Promise<ExplanationView> {
    const q = await this.questions.withExplanation(ownerId, questionId);
    const cached = q.cachedExplanation;
    if (cached && cached.version === q.version)
      return {
        questionId: q.id,
        version: q.version,
        explanation: cached.text,
        citations: cached.citations.map((c) => ({
          chunkId: c.chunkId,
          page: c.page,
          start: c.start,
          end: c.end,
          snippet: c.snippet,
        })),
        provider: cached.provider,
        cached: true,
        generatedAt: cached.generatedAt,
      };
    const passages =
      q.documentId && q.citation
        ? await this.documents.findChunks(q.documentId, [q.citation.chunkId])
        : [];
    let output;
    try {
      output = await this.provider.explain(
        {
          stem: q.stem,
          type: q.type,
          choices: q.choices,
          correctChoiceIds: q.correctChoiceIds,
          answer: q.answer,
          explanation: q.explanation,
          passages,
          citation: q.citation,
        },
        new UsageMeter(),
      );
    } catch (error) {
      if (error instanceof ProviderError)
        throw new ServiceUnavailableError(`The explanation could not be written: ${error.message}`);
      throw error;
    }
    const generatedAt = this.clock.now();
    await this.questions.cacheExplanation(q.id, q.version, {
      version: q.version,
      text: output.text,
      citations: output.citations,
      provider: this.provider.name,
      generatedAt,
    });
    return {
      questionId: q.id,
      version: q.version,
      explanation: output.text,
      citations: output.citations,
      provider: this.provider.name,
      cached: false,
      generatedAt,
    };
  }
}
