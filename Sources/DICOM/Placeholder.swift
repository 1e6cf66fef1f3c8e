// placeholder until the DICOM target lands
