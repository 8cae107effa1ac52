import { messagesSentSection as commsLogSection } from '../comms/postmortem-section';
import { recordIndex } from './record-index';
import type { PostmortemSource } from './source';

// "Messages sent": the stakeholder updates marked sent during the incident, drawn from the comms
// log (`comms_update_sent`). Every built-in template and the playbook's own report template call
// it at the same place in the order: after the action items, before the appendices.
export function messagesSentSection(source: PostmortemSource): string {
  return commsLogSection(recordIndex(source).recordOf(['comms_update_sent']), source.playbook);
}
