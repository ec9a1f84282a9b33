import RxData
