import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default: on a loaded machine a render that is merely
// slow would fail. The wait ends as soon as the UI is there; the bound only stops a hang.
configure({ asyncUtilTimeout: 30_000 });
