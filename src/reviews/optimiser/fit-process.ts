import { fitParameters, type TrainingItem } from './fsrs-optimiser';

/**
 * Child-process entry of the FSRS optimiser: receives training items, answers the fitted
 * parameters. fsrs-rs aborts its whole process on a panic, so fits run apart from the API.
 */
process.once('message', (items: TrainingItem[]) => {
  fitParameters(items).then(
    (parameters) => process.send!({ parameters }, () => process.exit(0)),
    (error: unknown) => process.send!({ error: String(error) }, () => process.exit(0)),
  );
});
