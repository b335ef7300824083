"""The IATI 2.03 export: `flask --app app export iati` and the administrators' download."""
