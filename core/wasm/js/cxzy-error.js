// The error every cxzy function throws: `code` is the first error's code, `errors` lists every
// error ({code, path, message}, path a JSON pointer into `input`), `input` names the argument
// that was refused ("framework", "assessment", "results" or "options").
export class CxzyError extends Error {
  constructor(message, code, errors, input) {
    super(message);
    this.name = "CxzyError";
    this.code = code;
    this.errors = errors;
    this.input = input;
  }
}
