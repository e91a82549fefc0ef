import { createRequire } from 'node:module';

/** The part of the fsrs-rs optimiser's API used here (as `@open-spaced-repetition/binding` 0.5 declares it). */
export interface FsrsNative {
  computeParameters(
    trainSet: FsrsItem[],
    options?: { enableShortTerm: boolean; numRelearningSteps?: number; timeout?: number },
  ): Promise<number[]>;
  FSRSBinding: new (parameters?: number[]) => {
    evaluate(trainSet: FsrsItem[]): { logLoss: number; rmseBins: number };
  };
  FSRSBindingItem: new (reviews: FsrsReview[]) => FsrsItem;
  FSRSBindingReview: new (rating: number, deltaT: number) => FsrsReview;
}

declare const fsrsItem: unique symbol;
declare const fsrsReview: unique symbol;
export type FsrsItem = { readonly [fsrsItem]: true };
export type FsrsReview = { readonly [fsrsReview]: true };

const NATIVE_PACKAGE = '@open-spaced-repetition/binding-linux-x64-gnu';
let loaded: FsrsNative | undefined;

/**
 * The official FSRS optimiser (fsrs-rs, compiled by napi-rs) for linux-x64 with glibc: the build that
 * `@open-spaced-repetition/binding` itself loads on such a machine. It is installed directly (an optional
 * dependency), because that wrapper lists builds for other platforms that the registry does not serve at
 * its version, which makes `npm ci` refuse the lock file. Elsewhere, fitting fails with this error.
 */
export function fsrsNative(): FsrsNative {
  if (!loaded) {
    try {
      loaded = createRequire(__filename)(NATIVE_PACKAGE) as FsrsNative;
    } catch (error) {
      throw new Error(
        `The FSRS optimiser needs ${NATIVE_PACKAGE} (linux x64, glibc): ${(error as Error).message}`,
      );
    }
  }
  return loaded;
}
