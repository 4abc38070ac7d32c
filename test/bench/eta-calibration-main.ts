/** Runs the ETA calibration in its own process, with the server modules loaded as in Next (--conditions=react-server). */
import { etaCalibration } from "./eta-bench";

void etaCalibration().then((result) => console.log(JSON.stringify(result)));
