/** Keys the studio answers that are not palette actions: the canvas's, the timeline's and the editors'. */
export const otherShortcuts: ReadonlyArray<{ group: string; keys: string; what: string }> = [
  { group: 'Anywhere', keys: 'Ctrl+K Ctrl+Shift+P', what: 'Open the command palette' },
  { group: 'Anywhere', keys: '?', what: 'Show these shortcuts' },
  { group: 'Anywhere', keys: 'Escape', what: 'Close a dialog or the model editor, or leave a viewed version' },
  { group: 'Canvas', keys: 'Ctrl+A', what: 'Select all steps' },
  { group: 'Canvas', keys: 'Delete Backspace', what: 'Remove the selected steps and edges' },
  { group: 'Canvas', keys: 'Ctrl+click', what: 'Add a step or an edge to the selection' },
  { group: 'Canvas', keys: 'Shift+drag', what: 'Select the steps in a box' },
  { group: 'Canvas', keys: 'Double-click', what: 'Open the flow of a sub-flow step' },
  { group: 'Timeline', keys: 'Alt+← Alt+→', what: 'Step back or forward one event' },
  {
    group: 'Editors',
    keys: 'Ctrl+S',
    what: 'Save what the code editor holds: a model, intents, policies, step settings',
  },
];
