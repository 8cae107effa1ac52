import { mostUrgent } from '../../../shared/comms/clock';
import { useNow } from '../warroom/use-now';
import { useComms } from './comms-store';
import { UpdateClockChip } from './UpdateClockChip';
import { useCommsModel, type CommsRecord } from './use-comms-model';

/** In the header, only when an update is due soon or overdue: the most urgent audience's countdown, a click from its draft. */
export function UpdateDueChip({ record }: { record: CommsRecord }) {
  const model = useCommsModel(record, useNow(1000));
  const urgent = mostUrgent(model.clocks);
  if (!urgent) return null;
  const name = urgent.audience.name;
  return (
    <button type="button" className="comms-due-button" onClick={() => useComms.getState().requestDraft(urgent.audience.key)} aria-label={`Update due for ${name}: draft it`}>
      <UpdateClockChip label={`Update to ${name}`} countdown={urgent.countdown} exercise={model.exercise} />
    </button>
  );
}
