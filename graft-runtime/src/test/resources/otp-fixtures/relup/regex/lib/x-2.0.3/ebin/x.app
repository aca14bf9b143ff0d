{application,x,
             [{description,"A Graft relup fixture"},
              {vsn,"2.0.3"},
              {modules,['x.X','x.Y','x.Z','x.W']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
